fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            _,
            ::gopipe_runtime::__private::Plain,
        >::new(::gopipe_runtime::__private::Options::new());
        pipeline
            .describe(const {
                use ::gopipe_runtime::__private::{
                    GraphNode as stage, GraphSpec as graph,
                };
                &graph::new(
                    ::core::file!(),
                    const {
                        &[
                            stage::source(
                                "from_iter",
                                "from_iter#1",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "recurse",
                                    "recurse#2",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("max_pending = 10_000"),
                            stage::source(
                                "from_iter",
                                "from_iter#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "try_recurse",
                                    "try_recurse#4",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("4")
                                .options(
                                    "workers = 4, unique_by = |link: &Link| link.path.clone(), max_depth = 3, retry = 3",
                                ),
                            stage::junction(
                                "merge",
                                "merge#5",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                "for_each",
                                "for_each#6",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const {
                        &[
                            (0, 1, ""),
                            (1, 1, "children"),
                            (2, 3, ""),
                            (3, 3, "children"),
                            (1, 4, "dirs"),
                            (3, 4, "pages"),
                            (4, 5, ""),
                        ]
                    },
                )
            });
        let from_iter_1 = {
            let items = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn from_iter<I>(
                        items: I,
                    ) -> impl pipeline_check::Iterator<
                        Item = I::Item,
                    > + pipeline_check::Send
                    where
                        I: pipeline_check::typed::Items,
                    {
                        pipeline_check::typed::iter(items)
                    }
                }
                pipeline_stage::from_iter([root])
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let branch_dirs = {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn recurse<In, E, F, Fut, Out, R>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<
                        In,
                        pipeline_check::typed::Checked<
                            Fut,
                            (Out, pipeline_check::Vec<In>),
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode + 'static,
                        Fut: pipeline_check::Future<Output = R> + pipeline_check::Send
                            + 'static,
                        R: pipeline_check::typed::Expansion<Output = Out, Child = In>
                            + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(pipeline_check::typed::recursive(f))
                    }
                }
                pipeline_stage::recurse(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |dir| read_dir(dir),
                )
            };
            let recursion = ::gopipe_runtime::__private::Recursion::new()
                .max_pending(10_000);
            pipeline
                .recurse(
                    ::gopipe_runtime::__private::StageSpec::new("recurse#2"),
                    from_iter_1,
                    recursion,
                    move |mut io, mut frontier| async move {
                        while let ::gopipe_runtime::__private::Some((item, visit)) = frontier
                            .next(&mut io)
                            .await
                        {
                            let out = io.run(f(item)).await?;
                            visit.deliver(&mut io, out).await?;
                        }
                        io.close().await
                    },
                )
        };
        let from_iter_3 = {
            let items = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn from_iter<I>(
                        items: I,
                    ) -> impl pipeline_check::Iterator<
                        Item = I::Item,
                    > + pipeline_check::Send
                    where
                        I: pipeline_check::typed::Items,
                    {
                        pipeline_check::typed::iter(items)
                    }
                }
                pipeline_stage::from_iter([start])
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#3"),
                    items,
                )
        };
        let branch_pages = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_recurse<In, E, F, Fut, Out, R>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::typed::Checked<
                                Fut,
                                pipeline_check::Result<(Out, pipeline_check::Vec<In>), E>,
                            >,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Fut: pipeline_check::Future<
                                Output = pipeline_check::Result<R, E>,
                            > + pipeline_check::Send + 'static,
                        R: pipeline_check::typed::Expansion<Output = Out, Child = In>
                            + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(
                            pipeline_check::typed::try_recursive_for_workers(f),
                        )
                    }
                }
                pipeline_stage::try_recurse(
                    ::gopipe_runtime::__private::typed::input(&from_iter_3),
                    |link| fetch(link),
                )
            };
            let retry = pipeline
                .checked_retry(
                    "try_recurse#4",
                    &from_iter_3,
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn retry<In, Read, E, R>(
                                _: pipeline_check::typed::Input<Read, E>,
                                policy: R,
                            ) -> pipeline_check::Retrying<In, E>
                            where
                                R: pipeline_check::RetryPolicy<E>
                                    + pipeline_check::typed::RetryItems<In>,
                            {
                                pipeline_check::typed::RetryItems::<
                                    In,
                                >::retrying(policy, pipeline_check::RetryPolicy::into_retry)
                            }
                        }
                        pipeline_stage::retry(
                            ::gopipe_runtime::__private::typed::input(&from_iter_3),
                            3,
                        )
                    },
                );
            let recursion = ::gopipe_runtime::__private::Recursion::new()
                .unique_by({
                    #[allow(clippy::all, unreachable_pub)]
                    mod pipeline_stage {
                        use ::gopipe_runtime::__private as pipeline_check;
                        pub fn unique_by<In, E, K, F>(
                            _: pipeline_check::typed::Input<In, E>,
                            key: F,
                        ) -> pipeline_check::Box<dyn pipeline_check::SeenKeys<In>>
                        where
                            F: pipeline_check::Fn(&In) -> K
                                + pipeline_check::typed::StageCode + pipeline_check::Sync
                                + 'static,
                            In: 'static,
                            K: pipeline_check::typed::ItemKey,
                        {
                            pipeline_check::Box::new(pipeline_check::Seen::new(key))
                        }
                    }
                    pipeline_stage::unique_by(
                        ::gopipe_runtime::__private::typed::input(&from_iter_3),
                        |link: &Link| link.path.clone(),
                    )
                })
                .max_depth(3);
            pipeline
                .recurse_workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_recurse#4")
                        .workers(4),
                    from_iter_3,
                    recursion,
                    move |mut io, mut frontier| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        let mut retry = retry.for_worker();
                        async move {
                            while let ::gopipe_runtime::__private::Some((item, visit)) = frontier
                                .next(&mut io)
                                .await
                            {
                                let out = io
                                    .run_attempts(
                                        &mut retry,
                                        item,
                                        ::gopipe_runtime::__private::None,
                                        &mut f,
                                    )
                                    .await?;
                                visit.deliver_attempted(&mut io, out).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        let merge_5 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#5"),
                [branch_dirs, branch_pages],
            );
        {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn for_each<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, ()>
                    where
                        F: pipeline_check::FnMut(In) + pipeline_check::typed::StageCode
                            + 'static,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::for_each(
                    ::gopipe_runtime::__private::typed::sink_input(&merge_5),
                    |out| record(out),
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("for_each#6"),
                    merge_5,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            f(item);
                        }
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
