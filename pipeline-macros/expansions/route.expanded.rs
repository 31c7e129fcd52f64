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
                                "route",
                                "route#2",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::junction(
                                "partition",
                                "partition#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                "fold",
                                "fold#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                    "for_each",
                                    "for_each#5",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("2")
                                .options("workers = 2"),
                            stage::sink(
                                "count",
                                "count#6",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const {
                        &[
                            (0, 1, ""),
                            (1, 2, "small"),
                            (2, 3, "even"),
                            (2, 4, "odd"),
                            (1, 5, "large"),
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
                pipeline_stage::from_iter(numbers)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let [branch_small, branch_large, _] = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn route<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Chooser<In>
                    where
                        F: pipeline_check::FnMut(&In) -> usize
                            + pipeline_check::typed::StageCode + 'static,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::route(
                    ::gopipe_runtime::__private::typed::input(&from_iter_1),
                    |n: &u32| if *n < 10 { 0 } else if *n < 1000 { 1 } else { 2 },
                )
            };
            pipeline
                .route(
                    ::gopipe_runtime::__private::StageSpec::new("route#2"),
                    from_iter_1,
                    f,
                )
        };
        let [branch_even, branch_odd] = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn partition<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Chooser<In>
                    where
                        F: pipeline_check::FnMut(&In) -> bool
                            + pipeline_check::typed::StageCode + 'static,
                    {
                        let mut f = f;
                        pipeline_check::Box::new(move |item: &In| {
                            if f(item) { 0 } else { 1 }
                        })
                    }
                }
                pipeline_stage::partition(
                    ::gopipe_runtime::__private::typed::input(&branch_small),
                    |n| n % 2 == 0,
                )
            };
            pipeline
                .route(
                    ::gopipe_runtime::__private::StageSpec::new("partition#3"),
                    branch_small,
                    f,
                )
        };
        let branch_evens = {
            let (mut value, mut f) = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn fold<In, E, Acc, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        init: Acc,
                        f: F,
                    ) -> (
                        Acc,
                        pipeline_check::Box<
                            dyn pipeline_check::FnMut(
                                Acc,
                                In,
                            ) -> Acc + pipeline_check::Send,
                        >,
                    )
                    where
                        F: pipeline_check::FnMut(Acc, In) -> Acc
                            + pipeline_check::typed::StageCode + 'static,
                        Acc: pipeline_check::typed::StageState,
                    {
                        (init, pipeline_check::Box::new(f))
                    }
                }
                pipeline_stage::fold(
                    ::gopipe_runtime::__private::typed::sink_input(&branch_even),
                    0,
                    |total, n| total + n,
                )
            };
            pipeline
                .branch_sink(
                    ::gopipe_runtime::__private::StageSpec::new("fold#4"),
                    branch_even,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            value = f(value, item);
                        }
                        ::gopipe_runtime::__private::Ok(value)
                    },
                )
        };
        let branch_odds = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn for_each<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<dyn pipeline_check::typed::WorkerFn<In, ()>>
                    where
                        F: pipeline_check::FnMut(In) + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::for_each(
                    ::gopipe_runtime::__private::typed::sink_input(&branch_odd),
                    |n| println!("{n}"),
                )
            };
            pipeline
                .branch_sink_workers(
                    ::gopipe_runtime::__private::StageSpec::new("for_each#5").workers(2),
                    branch_odd,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                f(item);
                            }
                            ::gopipe_runtime::__private::Ok(())
                        }
                    },
                )
        };
        let branch_large_count = {
            let mut value: usize = 0;
            pipeline
                .branch_sink(
                    ::gopipe_runtime::__private::StageSpec::new("count#6"),
                    branch_large,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(_) = io.recv().await
                        {
                            value += 1;
                        }
                        ::gopipe_runtime::__private::Ok(value)
                    },
                )
        };
        pipeline.gather((branch_evens, branch_odds, branch_large_count))
    };
}
