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
                            stage::sink(
                                    "try_for_each",
                                    "store",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("4")
                                .options("workers = 4"),
                        ]
                    },
                    const { &[(0, 1, "")] },
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
        {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn try_for_each<In, E, F>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::Result<(), E>,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> pipeline_check::Result<(), E>
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(f)
                    }
                }
                pipeline_stage::try_for_each(
                    ::gopipe_runtime::__private::typed::sink_input(&from_iter_1),
                    |n| store(n),
                )
            };
            pipeline
                .sink_workers(
                    ::gopipe_runtime::__private::StageSpec::new("store").workers(4),
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
                                if let ::gopipe_runtime::__private::Err(error) = f(item) {
                                    io.fail(error).await?;
                                }
                            }
                            ::gopipe_runtime::__private::Ok(())
                        }
                    },
                )
        }
    };
}
