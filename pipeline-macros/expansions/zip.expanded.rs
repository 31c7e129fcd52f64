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
                            stage::source(
                                "from_iter",
                                "from_iter#2",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::junction(
                                "zip",
                                "zip#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::sink(
                                "collect",
                                "collect#4",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                        ]
                    },
                    const { &[(0, 2, "numbers"), (1, 2, "words"), (2, 3, "")] },
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
                pipeline_stage::from_iter(1u64..)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#1"),
                    items,
                )
        };
        let branch_words = {
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
                pipeline_stage::from_iter(words)
            };
            pipeline
                .from_iter(
                    ::gopipe_runtime::__private::StageSpec::new("from_iter#2"),
                    items,
                )
        };
        let zip_3 = pipeline
            .zip(
                ::gopipe_runtime::__private::StageSpec::new("zip#3"),
                branch_numbers,
                branch_words,
            );
        {
            let mut value = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn collect<I, C>(
                        _: I,
                    ) -> pipeline_check::typed::Collecting<C, I::Item>
                    where
                        I: pipeline_check::typed::Reads,
                        I::Item: pipeline_check::typed::CollectInto<C>,
                    {
                        <I::Item as pipeline_check::typed::CollectInto<C>>::collecting()
                    }
                }
                pipeline_stage::collect::<
                    _,
                    Vec<_>,
                >(::gopipe_runtime::__private::typed::sink_input(&zip_3))
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("collect#4"),
                    zip_3,
                    move |mut io| async move {
                        while let ::gopipe_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            value.push(item);
                        }
                        ::gopipe_runtime::__private::Ok(value.finish())
                    },
                )
        }
    };
}
