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
                                    "try_for_each_async",
                                    "try_for_each_async#2",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("8")
                                .options("workers = 8"),
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
                pipeline_stage::from_iter(rows)
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
                    pub fn try_for_each_async<In, E, F, Fut>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::typed::Checked<
                                Fut,
                                pipeline_check::Result<(), E>,
                            >,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Fut: pipeline_check::Future<
                                Output = pipeline_check::Result<(), E>,
                            > + pipeline_check::Send + 'static,
                        In: 'static,
                        E: pipeline_check::typed::RunError,
                    {
                        pipeline_check::Box::new(
                            pipeline_check::typed::asynchronous_for_workers(f),
                        )
                    }
                }
                pipeline_stage::try_for_each_async(
                    ::gopipe_runtime::__private::typed::sink_input(&from_iter_1),
                    |row| store(row),
                )
            };
            pipeline
                .sink_workers(
                    ::gopipe_runtime::__private::StageSpec::new("try_for_each_async#2")
                        .workers(8),
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
                                if let ::gopipe_runtime::__private::Err(error) = io
                                    .run(f(item))
                                    .await?
                                {
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
