fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            ::gopipe_runtime::__private::Elapsed,
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
                                    "then",
                                    "then#2",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("timeout = Duration::from_secs(5)"),
                            stage::transform(
                                    "then",
                                    "then#3",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("4")
                                .options("workers = 4, ordered"),
                            stage::sink(
                                "last",
                                "last#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const { &[(0, 1, ""), (1, 2, ""), (2, 3, "")] },
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
                pipeline_stage::from_iter(urls)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let then_2 = {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn then<In, E, F, Fut, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<
                        In,
                        pipeline_check::typed::Checked<Fut, Out>,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode + 'static,
                        Fut: pipeline_check::Future<Output = Out> + pipeline_check::Send
                            + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(pipeline_check::typed::asynchronous(f))
                    }
                }
                pipeline_stage::then(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |url| async move { fetch(url).await },
                )
            };
            let timeout = pipeline
                .checked_timeout(
                    "then#2",
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn timeout<In, E, D>(
                                _: pipeline_check::typed::Input<In, E>,
                                after: D,
                            ) -> pipeline_check::Timeout<E>
                            where
                                D: pipeline_check::ItemTimeout<E>,
                            {
                                pipeline_check::ItemTimeout::into_timeout(after)
                            }
                        }
                        pipeline_stage::timeout(
                            ::gopipe_runtime::__private::typed::input(&from_iter_1),
                            Duration::from_secs(5),
                        )
                    },
                );
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("then#2"),
                    from_iter_1,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            let ::gopipe_runtime::__private::Some(out) = io
                                .run_timed(f(item), timeout)
                                .await? else {
                                continue;
                            };
                            io.send(out).await?;
                        }
                        io.close().await
                    },
                )
        };
        let then_3 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn then<In, E, F, Fut, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::typed::Checked<Fut, Out>,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Fut: pipeline_check::Future<Output = Out> + pipeline_check::Send
                            + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(
                            pipeline_check::typed::asynchronous_for_workers(f),
                        )
                    }
                }
                pipeline_stage::then(
                    ::gopipe_runtime::__private::typed::input(&then_2),
                    |page| async move { summarize(page).await },
                )
            };
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("then#3")
                        .workers(4)
                        .ordered(),
                    then_2,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                let out = io.run(f(item)).await?;
                                io.send(out).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        {
            let mut value = ::gopipe_runtime::__private::None;
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("last#4"),
                    then_3,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            value = ::gopipe_runtime::__private::Some(item);
                        }
                        ::gopipe_runtime::__private::Ok(value)
                    },
                )
        }
    };
}
