fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            _,
            ::gopipe_runtime::__private::Results,
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
                                "from_channel",
                                "from_channel#1",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "try_map",
                                "parse",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "filter",
                                "filter#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "chunks",
                                "chunks#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const { &[(0, 1, ""), (1, 2, ""), (2, 3, "")] },
                )
            });
        let from_channel_1 = {
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
                pipeline_stage::from_channel(lines)
            };
            pipeline
                .source(
                    ::gopipe_runtime::__private::StageSpec::new("from_channel#1"),
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
        let try_map_2 = {
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
                    ::gopipe_runtime::__private::typed::input(&from_channel_1),
                    |line: String| line.parse::<u64>(),
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("parse");
            let pipeline_step = ::gopipe_runtime::__private::fuse::TryMap(f);
            pipeline.fuse(spec, from_channel_1, pipeline_step)
        };
        let filter_3 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn filter<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, pipeline_check::Option<In>>
                    where
                        F: pipeline_check::FnMut(&In) -> bool
                            + pipeline_check::typed::StageCode + 'static,
                    {
                        let mut f = f;
                        pipeline_check::Box::new(move |input| {
                            if f(&input) {
                                pipeline_check::Some(input)
                            } else {
                                pipeline_check::None
                            }
                        })
                    }
                }
                pipeline_stage::filter(
                    ::gopipe_runtime::__private::typed::input(&try_map_2),
                    |n| n % 2 == 0,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("filter#3");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FilterMap(f);
            pipeline.fuse(spec, try_map_2, pipeline_step)
        };
        let chunks_4 = {
            let size: usize = 100;
            let size = pipeline.chunk_size("chunks#4", size);
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("chunks#4"),
                    filter_3,
                    move |mut io| async move {
                        let mut chunk = ::gopipe_runtime::__private::new_chunk(size);
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            chunk.push(item);
                            if chunk.len() == size {
                                io.send(
                                        ::gopipe_runtime::__private::replace(
                                            &mut chunk,
                                            ::gopipe_runtime::__private::new_chunk(size),
                                        ),
                                    )
                                    .await?;
                            }
                        }
                        if !chunk.is_empty() {
                            io.send(chunk).await?;
                        }
                        io.close().await
                    },
                )
        };
        pipeline.into_stream(chunks_4)
    };
}
