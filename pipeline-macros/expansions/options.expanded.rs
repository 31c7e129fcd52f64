fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            ::gopipe_runtime::__private::Infallible,
            ::gopipe_runtime::__private::Plain,
        >::new(
            ::gopipe_runtime::__private::Options::new()
                .capacity(16)
                .cancel(token.clone())
                .timeout(Duration::from_secs(60)),
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
                                    "map",
                                    "square",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("4")
                                .options("workers = 4, ordered, capacity = 8"),
                            stage::transform(
                                    "inspect",
                                    "inspect#3",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("2")
                                .options("workers = 2"),
                            stage::sink(
                                "to_channel",
                                "to_channel#4",
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
                pipeline_stage::from_iter(0..1_000u64)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let map_2 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn map<In, E, F, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<In, Out>,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Out
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::map(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |n| n * n,
                )
            };
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("square")
                        .workers(4)
                        .ordered()
                        .capacity(8),
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
                                io.send(f(item)).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        let inspect_3 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn inspect<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<dyn pipeline_check::typed::WorkerFn<In, In>>
                    where
                        F: pipeline_check::FnMut(&In) + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                    {
                        let mut f = f;
                        pipeline_check::Box::new(move |input| {
                            f(&input);
                            input
                        })
                    }
                }
                pipeline_stage::inspect(
                    ::gopipe_runtime::__private::typed::input(&map_2),
                    |n| log(n),
                )
            };
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("inspect#3").workers(2),
                    map_2,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                io.send(f(item)).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        {
            let value = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn to_channel<In, E, C, Tx>(
                        _: pipeline_check::typed::Input<In, E>,
                        sender: C,
                    ) -> Tx
                    where
                        C: pipeline_check::typed::Sending<In, Sender = Tx>,
                    {
                        pipeline_check::typed::Sending::sender(sender)
                    }
                }
                pipeline_stage::to_channel(
                    ::gopipe_runtime::__private::typed::sink_input(&inspect_3),
                    tx,
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("to_channel#4"),
                    inspect_3,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            if io
                                .run(
                                    ::gopipe_runtime::__private::ChannelSink::send_item(
                                        &value,
                                        item,
                                    ),
                                )
                                .await?
                                .is_err()
                            {
                                break;
                            }
                        }
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
