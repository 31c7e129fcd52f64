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
                            stage::sink(
                                "for_each_async",
                                "for_each_async#2",
                                ::core::line!(),
                                ::core::column!(),
                            ),
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
                pipeline_stage::from_iter(urls)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        {
            let mut f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn for_each_async<In, E, F, Fut>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::typed::Code<
                        In,
                        pipeline_check::typed::Checked<Fut, ()>,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode + 'static,
                        Fut: pipeline_check::Future<Output = ()> + pipeline_check::Send
                            + 'static,
                        In: 'static,
                    {
                        pipeline_check::Box::new(pipeline_check::typed::asynchronous(f))
                    }
                }
                pipeline_stage::for_each_async(
                    ::gopipe_runtime::__private::typed::sink_input(&from_iter_1),
                    |url| ping(url),
                )
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("for_each_async#2"),
                    from_iter_1,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            io.run(f(item)).await?;
                        }
                        ::gopipe_runtime::__private::Ok(())
                    },
                )
        }
    };
}
