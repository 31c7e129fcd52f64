fn expansion() {
    let _ = {
        let pipeline = ::gopipe_runtime::__private::Pipeline::<
            ::gopipe_runtime::__private::Infallible,
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
                                "map",
                                "map#2",
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
                                "filter_map",
                                "filter_map#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "flat_map",
                                "flat_map#5",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "inspect",
                                "inspect#6",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "take_while",
                                "take_while#7",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "skip",
                                "skip#8",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "take",
                                "take#9",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "scan",
                                "scan#10",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "chunks",
                                "chunks#11",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "chunks_timeout",
                                "chunks_timeout#12",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                "first",
                                "first#13",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const {
                        &[
                            (0, 1, ""),
                            (1, 2, ""),
                            (2, 3, ""),
                            (3, 4, ""),
                            (4, 5, ""),
                            (5, 6, ""),
                            (6, 7, ""),
                            (7, 8, ""),
                            (8, 9, ""),
                            (9, 10, ""),
                            (10, 11, ""),
                            (11, 12, ""),
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
                pipeline_stage::from_iter(lines)
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
                    ) -> pipeline_check::typed::Code<In, Out>
                    where
                        F: pipeline_check::FnMut(In) -> Out
                            + pipeline_check::typed::StageCode + 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::map(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |line: String| line.trim().to_owned(),
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("map#2");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Map(f);
            pipeline.fuse(spec, from_iter_1, pipeline_step)
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
                    ::gopipe_runtime::__private::typed::input(&map_2),
                    |line| !line.is_empty(),
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("filter#3");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FilterMap(f);
            pipeline.fuse(spec, map_2, pipeline_step)
        };
        let filter_map_4 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn filter_map<In, E, F, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, pipeline_check::Option<Out>>
                    where
                        F: pipeline_check::FnMut(In) -> pipeline_check::Option<Out>
                            + pipeline_check::typed::StageCode + 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::filter_map(
                    ::gopipe_runtime::__private::typed::input(&filter_3),
                    |line| line.parse::<u64>().ok(),
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("filter_map#4");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FilterMap(f);
            pipeline.fuse(spec, filter_3, pipeline_step)
        };
        let flat_map_5 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn flat_map<In, E, F, I>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<
                        In,
                        pipeline_check::typed::Outputs<I::IntoIter, I::Item>,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> I
                            + pipeline_check::typed::StageCode + 'static,
                        I: pipeline_check::IntoIterator,
                        I::Item: pipeline_check::typed::Item,
                        I::IntoIter: pipeline_check::Send,
                    {
                        let mut f = f;
                        pipeline_check::Box::new(move |input| pipeline_check::typed::outputs(
                            f(input),
                        ))
                    }
                }
                pipeline_stage::flat_map(
                    ::gopipe_runtime::__private::typed::input(&filter_map_4),
                    |n| [n, n + 1],
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("flat_map#5");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FlatMap(f);
            pipeline.fuse(spec, filter_map_4, pipeline_step)
        };
        let inspect_6 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn inspect<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<In, In>
                    where
                        F: pipeline_check::FnMut(&In) + pipeline_check::typed::StageCode
                            + 'static,
                    {
                        let mut f = f;
                        pipeline_check::Box::new(move |input| {
                            f(&input);
                            input
                        })
                    }
                }
                pipeline_stage::inspect(
                    ::gopipe_runtime::__private::typed::input(&flat_map_5),
                    |n| println!("{n}"),
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("inspect#6");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Map(f);
            pipeline.fuse(spec, flat_map_5, pipeline_step)
        };
        let take_while_7 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn take_while<In, E, F>(
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
                pipeline_stage::take_while(
                    ::gopipe_runtime::__private::typed::input(&inspect_6),
                    |n| *n < 1_000,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("take_while#7");
            let pipeline_step = ::gopipe_runtime::__private::fuse::TakeWhile(f);
            pipeline.fuse(spec, inspect_6, pipeline_step)
        };
        let skip_8 = {
            let left: usize = 2;
            let spec = ::gopipe_runtime::__private::StageSpec::new("skip#8");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Skip::new(left);
            pipeline.fuse(spec, take_while_7, pipeline_step)
        };
        let take_9 = {
            let left: usize = 100;
            let spec = ::gopipe_runtime::__private::StageSpec::new("take#9");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Take::new(left);
            pipeline.fuse(spec, skip_8, pipeline_step)
        };
        let scan_10 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn scan<In, E, St, Out, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        init: St,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::FnMut(
                            In,
                        ) -> pipeline_check::Option<Out> + pipeline_check::Send,
                    >
                    where
                        F: pipeline_check::FnMut(
                                &mut St,
                                In,
                            ) -> pipeline_check::Option<Out>
                            + pipeline_check::typed::StageCode + 'static,
                        St: pipeline_check::typed::StageState,
                        Out: pipeline_check::typed::Item,
                        In: 'static,
                    {
                        let (mut state, mut f) = (init, f);
                        pipeline_check::Box::new(move |item| f(&mut state, item))
                    }
                }
                pipeline_stage::scan(
                    ::gopipe_runtime::__private::typed::input(&take_9),
                    0u64,
                    |total, n| {
                        *total += n;
                        Some(*total)
                    },
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("scan#10");
            let pipeline_step = ::gopipe_runtime::__private::fuse::TakeWhile(f);
            pipeline.fuse(spec, take_9, pipeline_step)
        };
        let chunks_11 = {
            let size: usize = 10;
            let size = pipeline.chunk_size("chunks#11", size);
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("chunks#11"),
                    scan_10,
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
        let chunks_timeout_12 = {
            let size: usize = 5;
            let size = pipeline.chunk_size("chunks_timeout#12", size);
            let window: ::gopipe_runtime::__private::Duration = Duration::from_millis(
                10,
            );
            let window = pipeline.chunk_window("chunks_timeout#12", window);
            pipeline
                .stage(
                    ::gopipe_runtime::__private::StageSpec::new("chunks_timeout#12"),
                    chunks_11,
                    move |mut io| async move {
                        let mut chunks = ::gopipe_runtime::__private::Chunks::new(
                            size,
                            window,
                        );
                        while let ::gopipe_runtime::__private::Some(chunk) = chunks
                            .next(&mut io)
                            .await
                        {
                            io.send(chunk).await?;
                        }
                        io.close().await
                    },
                )
        };
        {
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("first#13"),
                    chunks_timeout_12,
                    move |mut io| async move {
                        ::gopipe_runtime::__private::Ok(io.recv().await)
                    },
                )
        }
    };
}
