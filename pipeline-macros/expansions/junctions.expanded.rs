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
                            stage::junction(
                                "tee",
                                "tee#2",
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
                                "filter",
                                "filter#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                "map",
                                "map#5",
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
                                "count",
                                "count#7",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const {
                        &[
                            (0, 1, ""),
                            (1, 2, "numbers"),
                            (1, 3, "numbers"),
                            (1, 4, "numbers"),
                            (2, 5, "evens"),
                            (3, 5, "odds"),
                            (4, 5, "tripled"),
                            (5, 6, ""),
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
                pipeline_stage::from_iter(0..100u32)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let [use_0_of_numbers, use_1_of_numbers, use_2_of_numbers] = pipeline
            .tee(::gopipe_runtime::__private::StageSpec::new("tee#2"), from_iter_1);
        let branch_evens = {
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
                    ::gopipe_runtime::__private::typed::input(&use_0_of_numbers),
                    |n| n % 2 == 0,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("filter#3");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FilterMap(f);
            pipeline.fuse(spec, use_0_of_numbers, pipeline_step)
        };
        let branch_odds = {
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
                    ::gopipe_runtime::__private::typed::input(&use_1_of_numbers),
                    |n| n % 2 == 1,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("filter#4");
            let pipeline_step = ::gopipe_runtime::__private::fuse::FilterMap(f);
            pipeline.fuse(spec, use_1_of_numbers, pipeline_step)
        };
        let branch_tripled = {
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
                    ::gopipe_runtime::__private::typed::input(&use_2_of_numbers),
                    |n| n * 3,
                )
            };
            let spec = ::gopipe_runtime::__private::StageSpec::new("map#5");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Map(f);
            pipeline.fuse(spec, use_2_of_numbers, pipeline_step)
        };
        let merge_6 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#6"),
                [branch_evens, branch_odds, branch_tripled],
            );
        {
            let mut value: usize = 0;
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("count#7"),
                    merge_6,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(_) = io.recv().await
                        {
                            value += 1;
                        }
                        ::gopipe_runtime::__private::Ok(value)
                    },
                )
        }
    };
}
