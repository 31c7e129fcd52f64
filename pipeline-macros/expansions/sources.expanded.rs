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
                            stage::source(
                                "from_stream",
                                "from_stream#2",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::source(
                                "from_channel",
                                "from_channel#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::source(
                                "generate",
                                "generate#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::source(
                                "try_generate",
                                "try_generate#5",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::junction(
                                "merge",
                                "merge#6",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                "drain",
                                "drain#7",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const {
                        &[
                            (0, 5, "numbers"),
                            (1, 5, "streamed"),
                            (2, 5, "received"),
                            (3, 5, "generated"),
                            (4, 5, "fallible"),
                            (5, 6, ""),
                        ]
                    },
                )
            });
        let branch_numbers = {
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
                pipeline_stage::from_iter(1..=3u32)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let branch_streamed = {
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
                pipeline_stage::from_stream(stream)
            };
            pipeline
                .source(
                    ::gopipe_runtime::__private::StageSpec::new("from_stream#2"),
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
        let branch_received = {
            let mut items = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn from_channel<C, Rx>(channel: C) -> Rx
                    where
                        C: pipeline_check::typed::Receiving<Receiver = Rx>,
                    {
                        pipeline_check::typed::Receiving::receiver(channel)
                    }
                }
                pipeline_stage::from_channel(rx)
            };
            pipeline
                .source(
                    ::gopipe_runtime::__private::StageSpec::new("from_channel#3"),
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .run(
                                ::gopipe_runtime::__private::ChannelSource::next_item(
                                    &mut items,
                                ),
                            )
                            .await?
                        {
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let branch_generated = pipeline
            .generate(
                ::gopipe_runtime::__private::StageSpec::new("generate#4"),
                {
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
                            emit.send(4u32).await;
                        },
                    )
                },
            );
        let branch_fallible = pipeline
            .try_generate(
                ::gopipe_runtime::__private::StageSpec::new("try_generate#5"),
                {
                    #[allow(clippy::all, unreachable_pub)]
                    mod pipeline_stage {
                        use ::gopipe_runtime::__private as pipeline_check;
                        pub fn try_generate<Out, E, S, Errors, F, Fut>(
                            _: &pipeline_check::Pipeline<E, S, Errors>,
                            f: F,
                        ) -> pipeline_check::typed::Generator<
                            Out,
                            E,
                            S,
                            pipeline_check::Result<(), E>,
                        >
                        where
                            E: pipeline_check::Send + 'static,
                            S: pipeline_check::Style,
                            Out: pipeline_check::typed::Item,
                            F: pipeline_check::FnOnce(
                                    pipeline_check::Emitter<Out, E, S>,
                                ) -> Fut + 'static,
                            Fut: pipeline_check::Future<
                                    Output = pipeline_check::Result<(), E>,
                                > + pipeline_check::Send + 'static,
                            E: pipeline_check::typed::RunError,
                        {
                            pipeline_check::typed::generator(f)
                        }
                    }
                    pipeline_stage::try_generate(
                        &pipeline,
                        |emit| async move {
                            emit.send(5u32).await;
                            Ok::<(), String>(())
                        },
                    )
                },
            );
        let merge_6 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#6"),
                [
                    branch_numbers,
                    branch_streamed,
                    branch_received,
                    branch_generated,
                    branch_fallible,
                ],
            );
        {
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("drain#7"),
                    merge_6,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(_) = io.recv().await
                        {}
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
