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
                                )
                                .workers("4")
                                .options("workers = 4"),
                            stage::sink(
                                "fold",
                                "fold#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const { &[(0, 1, ""), (1, 2, "")] },
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
                pipeline_stage::from_iter(1..=1_000_000u64)
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
                    ::gopipe_runtime::__private::StageSpec::new("map#2").workers(4),
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
        {
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
                    ::gopipe_runtime::__private::typed::sink_input(&map_2),
                    0,
                    |acc, n| acc + n,
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("fold#3"),
                    map_2,
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
        }
    };
}
