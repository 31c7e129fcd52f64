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
                                    "try_then",
                                    "fetch",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .options(
                                    "timeout = Duration::from_secs(5), retry = Retry::attempts(4).backoff(Duration::from_millis(50)).when(Error::is_transient)",
                                ),
                            stage::transform(
                                    "try_map",
                                    "try_map#3",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("2")
                                .options("workers = 2, retry = 3"),
                            stage::sink(
                                "collect",
                                "collect#4",
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
        let try_then_2 = {
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
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |url| async move { fetch(url).await },
                )
            };
            let timeout = pipeline
                .checked_timeout(
                    "fetch",
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
            let mut retry = pipeline
                .checked_retry(
                    "fetch",
                    &from_iter_1,
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
                            ::gopipe_runtime::__private::typed::input(&from_iter_1),
                            Retry::attempts(4)
                                .backoff(Duration::from_millis(50))
                                .when(Error::is_transient),
                        )
                    },
                );
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("fetch"),
                    from_iter_1,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            io.run_retried(
                                    &mut retry,
                                    item,
                                    ::gopipe_runtime::__private::Some(timeout),
                                    &mut f,
                                )
                                .await?;
                        }
                        io.close().await
                    },
                )
        };
        let try_map_3 = {
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
                    ::gopipe_runtime::__private::typed::input(&try_then_2),
                    |page: Page| parse(page),
                )
            };
            let retry = pipeline
                .checked_retry(
                    "try_map#3",
                    &try_then_2,
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
                            ::gopipe_runtime::__private::typed::input(&try_then_2),
                            3,
                        )
                    },
                );
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_map#3").workers(2),
                    try_then_2,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        let mut retry = retry.for_worker();
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                io.send_retried(&mut retry, item, &mut f).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        {
            let mut value = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn collect<I, C>(
                        _: I,
                    ) -> pipeline_check::typed::Collecting<C, I::Item>
                    where
                        I: pipeline_check::typed::Reads,
                        I::Item: pipeline_check::typed::CollectInto<C>,
                    {
                        <I::Item as pipeline_check::typed::CollectInto<C>>::collecting()
                    }
                }
                pipeline_stage::collect::<
                    _,
                    Vec<_>,
                >(::gopipe_runtime::__private::typed::sink_input(&try_map_3))
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("collect#4"),
                    try_map_3,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            value.push(item);
                        }
                        ::gopipe_runtime::__private::Ok(value.finish())
                    },
                )
        }
    };
}
