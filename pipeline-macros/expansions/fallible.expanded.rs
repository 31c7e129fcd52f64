fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            _,
            ::gopipe_runtime::__private::Plain,
        >::with_error_stream(
            ::gopipe_runtime::__private::Options::new().error_capacity(100),
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
                                "from_iter",
                                "from_iter#1",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "try_map",
                                    "try_map#2",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("2")
                                .options("workers = 2"),
                            stage::transform(
                                    "try_then",
                                    "try_then#3",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("timeout = Duration::from_secs(1)"),
                            stage::sink(
                                "try_for_each",
                                "try_for_each#4",
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
                pipeline_stage::from_iter(lines)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let try_map_2 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_map<In, E, F, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::Result<Out, E>,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> pipeline_check::Result<Out, E>
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Out: pipeline_check::typed::Item,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::try_map(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |line: String| line.parse::<u64>(),
                )
            };
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_map#2").workers(2),
                    from_iter_1,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                io.send_result(f(item)).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        let try_then_3 = {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_then<In, E, F, Fut, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<
                        In,
                        pipeline_check::typed::Checked<
                            Fut,
                            pipeline_check::Result<Out, E>,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode + 'static,
                        Fut: pipeline_check::Future<
                                Output = pipeline_check::Result<Out, E>,
                            > + pipeline_check::Send + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(pipeline_check::typed::asynchronous(f))
                    }
                }
                pipeline_stage::try_then(
                    ::gopipe_runtime::__private::typed::input(&try_map_2),
                    |n| async move { lookup(n).await },
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
                            ::gopipe_runtime::__private::typed::input(&try_map_2),
                            Duration::from_secs(1),
                        )
                    },
                );
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("try_then#3"),
                    try_map_2,
                    move |mut io| async move {
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
                    },
                )
        };
        {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_for_each<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, pipeline_check::Result<(), E>>
                    where
                        F: pipeline_check::FnMut(In) -> pipeline_check::Result<(), E>
                            + pipeline_check::typed::StageCode + 'static,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::try_for_each(
                    ::gopipe_runtime::__private::typed::sink_input(&try_then_3),
                    |row| store(row),
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("try_for_each#4"),
                    try_then_3,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            if let ::gopipe_runtime::__private::Err(error) = f(item) {
                                io.fail(error).await?;
                            }
                        }
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
