fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            _,
            ::gopipe_runtime::__private::Plain,
        >::with_error_stream(
            ::gopipe_runtime::__private::Options::new()
                .capacity(128)
                .cancel(token.clone()),
        );
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
                                "from_stream",
                                "from_stream#1",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::source(
                                "from_iter",
                                "from_iter#2",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "try_then",
                                    "try_then#3",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("8")
                                .options("workers = 8, timeout = Duration::from_secs(5)"),
                            stage::junction(
                                "merge",
                                "merge#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "try_map",
                                "try_map#5",
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
                            (1, 2, ""),
                            (0, 3, "local"),
                            (2, 3, "remote"),
                            (3, 4, ""),
                            (4, 5, ""),
                        ]
                    },
                )
            });
        let branch_local = {
            let items = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn from_stream<St>(
                        stream: St,
                    ) -> pipeline_check::Pin<
                        pipeline_check::Box<
                            dyn pipeline_check::Stream<
                                Item = <St as pipeline_check::Stream>::Item,
                            > + pipeline_check::Send,
                        >,
                    >
                    where
                        St: pipeline_check::typed::ItemStream,
                    {
                        pipeline_check::Box::pin(stream)
                    }
                }
                pipeline_stage::from_stream(local_files)
            };
            pipeline
                .source(
                    ::gopipe_runtime::__private::StageSpec::new("from_stream#1"),
                    move |mut io| async move {
                        let mut items = ::gopipe_runtime::__private::pin!(items);
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .run(::gopipe_runtime::__private::next(items.as_mut()))
                            .await?
                        {
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let from_iter_2 = {
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
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#2"),
                    items,
                )
        };
        let branch_remote = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_then<In, E, F, Fut, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::typed::Checked<
                                Fut,
                                pipeline_check::Result<Out, E>,
                            >,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Fut: pipeline_check::Future<
                                Output = pipeline_check::Result<Out, E>,
                            > + pipeline_check::Send + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(
                            pipeline_check::typed::asynchronous_for_workers(f),
                        )
                    }
                }
                pipeline_stage::try_then(
                    ::gopipe_runtime::__private::typed::input(&from_iter_2),
                    fetch,
                )
            };
            let timeout = pipeline
                .checked_timeout(
                    "try_then#3",
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
                            ::gopipe_runtime::__private::typed::input(&from_iter_2),
                            Duration::from_secs(5),
                        )
                    },
                );
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_then#3").workers(8),
                    from_iter_2,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                let ::gopipe_runtime::__private::Some(result) = io
                                    .run_timed(f(item), timeout)
                                    .await? else {
                                    continue;
                                };
                                io.send_result(result).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        let merge_4 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#4"),
                [branch_local, branch_remote],
            );
        let try_map_5 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_map<In, E, F, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, pipeline_check::Result<Out, E>>
                    where
                        F: pipeline_check::FnMut(In) -> pipeline_check::Result<Out, E>
                            + pipeline_check::typed::StageCode + 'static,
                        Out: pipeline_check::typed::Item,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::try_map(
                    ::gopipe_runtime::__private::typed::input(&merge_4),
                    parse,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("try_map#5");
            let pipeline_step = ::gopipe_runtime::__private::fuse::TryMap(f);
            pipeline.fuse(spec, merge_4, pipeline_step)
        };
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
                    ::gopipe_runtime::__private::typed::sink_input(&try_map_5),
                    store,
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("for_each#6"),
                    try_map_5,
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
