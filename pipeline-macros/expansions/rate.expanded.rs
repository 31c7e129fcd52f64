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
                                    "generate",
                                    "generate#1",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("rate = 100"),
                            stage::source(
                                    "from_iter",
                                    "from_iter#2",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("rate = Rate::per(1, Duration::from_secs(1))"),
                            stage::junction(
                                "merge",
                                "merge#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "try_then",
                                    "try_then#4",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("4")
                                .options(
                                    "workers = 4, rate = Rate::per_second(10).burst(5)",
                                ),
                            stage::sink(
                                    "for_each",
                                    "for_each#5",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options("rate = 20"),
                        ]
                    },
                    const { &[(0, 2, "fast"), (1, 2, "slow"), (2, 3, ""), (3, 4, "")] },
                )
            });
        let branch_fast = {
            let limiter = pipeline
                .checked_rate(
                    "generate#1",
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn rate<R>(limit: R) -> pipeline_check::Rate
                            where
                                R: pipeline_check::RateLimit,
                            {
                                pipeline_check::RateLimit::into_rate(limit)
                            }
                        }
                        pipeline_stage::rate(100)
                    },
                );
            pipeline
                .generate(
                    ::gopipe_runtime::__private::StageSpec::new("generate#1"),
                    limiter
                        .limit_emitter({
                            #[allow(clippy::all, unreachable_pub)]
                            mod pipeline_stage {
                                use ::gopipe_runtime::__private as pipeline_check;
                                pub fn generate<Out, E, S, Errors, F, Fut>(
                                    _: &pipeline_check::Pipeline<E, S, Errors>,
                                    f: F,
                                ) -> pipeline_check::typed::Generator<Out, E, S, ()>
                                where
                                    E: pipeline_check::Send + 'static,
                                    S: pipeline_check::Style,
                                    Out: pipeline_check::typed::Item,
                                    F: pipeline_check::FnOnce(
                                            pipeline_check::Emitter<Out, E, S>,
                                        ) -> Fut + 'static,
                                    Fut: pipeline_check::Future<Output = ()>
                                        + pipeline_check::Send + 'static,
                                {
                                    pipeline_check::typed::generator(f)
                                }
                            }
                            pipeline_stage::generate(
                                &pipeline,
                                |emit| async move {
                                    for url in seeds {
                                        emit.send(url).await
                                    }
                                },
                            )
                        }),
                )
        };
        let branch_slow = {
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
            let limiter = pipeline
                .checked_rate(
                    "from_iter#2",
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn rate<R>(limit: R) -> pipeline_check::Rate
                            where
                                R: pipeline_check::RateLimit,
                            {
                                pipeline_check::RateLimit::into_rate(limit)
                            }
                        }
                        pipeline_stage::rate(Rate::per(1, Duration::from_secs(1)))
                    },
                );
            pipeline
                .source(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#2"),
                    move |mut io| async move {
                        for item in items {
                            io.wait_for_token(&limiter).await?;
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let merge_3 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#3"),
                [branch_fast, branch_slow],
            );
        let try_then_4 = {
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
                    ::gopipe_runtime::__private::typed::input(&merge_3),
                    fetch,
                )
            };
            let limiter = pipeline
                .checked_rate(
                    "try_then#4",
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn rate<R>(limit: R) -> pipeline_check::Rate
                            where
                                R: pipeline_check::RateLimit,
                            {
                                pipeline_check::RateLimit::into_rate(limit)
                            }
                        }
                        pipeline_stage::rate(Rate::per_second(10).burst(5))
                    },
                );
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_then#4").workers(4),
                    merge_3,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        let limiter = limiter.clone();
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                io.wait_for_token(&limiter).await?;
                                let result = io.run(f(item)).await?;
                                io.send_result(result).await?;
                            }
                            io.close().await
                        }
                    },
                )
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
                    ::gopipe_runtime::__private::typed::sink_input(&try_then_4),
                    |page| store(page),
                )
            };
            let limiter = pipeline
                .checked_rate(
                    "for_each#5",
                    {
                        #[allow(clippy::all, unreachable_pub)]
                        mod pipeline_stage {
                            use ::gopipe_runtime::__private as pipeline_check;
                            pub fn rate<R>(limit: R) -> pipeline_check::Rate
                            where
                                R: pipeline_check::RateLimit,
                            {
                                pipeline_check::RateLimit::into_rate(limit)
                            }
                        }
                        pipeline_stage::rate(20)
                    },
                );
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("for_each#5"),
                    try_then_4,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            io.wait_for_token(&limiter).await?;
                            f(item);
                        }
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
