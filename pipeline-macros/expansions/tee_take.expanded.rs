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
                                "generate",
                                "generate#1",
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
                                "take",
                                "take#3",
                                ::core::line!(),
                                ::core::column!(),
                            ),
                            stage::transform(
                                    "then",
                                    "then#4",
                                    ::core::line!(),
                                    ::core::column!(),
                                )
                                .workers("2")
                                .options("workers = 2, ordered"),
                            stage::transform(
                                "take",
                                "take#5",
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
                                "collect",
                                "collect#7",
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
                            (3, 4, ""),
                            (2, 5, "head"),
                            (4, 5, "squares"),
                            (5, 6, ""),
                        ]
                    },
                )
            });
        let generate_1 = pipeline
            .generate(
                ::gopipe_runtime::__private::StageSpec::new("generate#1"),
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
                            for n in 0.. {
                                emit.send(n).await
                            }
                        },
                    )
                },
            );
        let [use_0_of_numbers, use_1_of_numbers] = pipeline
            .tee(::gopipe_runtime::__private::StageSpec::new("tee#2"), generate_1);
        let branch_head = {
            let left: usize = 10;
            let spec = ::gopipe_runtime::__private::StageSpec::new("take#3");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Take::new(left);
            pipeline.fuse(spec, use_0_of_numbers, pipeline_step)
        };
        let then_4 = {
            let f = {
                #[allow(clippy::all, unreachable_pub)]
                mod pipeline_stage {
                    use ::gopipe_runtime::__private as pipeline_check;
                    pub fn then<In, E, F, Fut, Out>(
                        _: pipeline_check::typed::Input<In, E>,
                        f: F,
                    ) -> pipeline_check::Box<
                        dyn pipeline_check::typed::WorkerFn<
                            In,
                            pipeline_check::typed::Checked<Fut, Out>,
                        >,
                    >
                    where
                        F: pipeline_check::FnMut(In) -> Fut
                            + pipeline_check::typed::StageCode
                            + pipeline_check::typed::WorkerCopy + 'static,
                        Fut: pipeline_check::Future<Output = Out> + pipeline_check::Send
                            + 'static,
                        In: 'static,
                        Out: pipeline_check::typed::Item,
                    {
                        pipeline_check::Box::new(
                            pipeline_check::typed::asynchronous_for_workers(f),
                        )
                    }
                }
                pipeline_stage::then(
                    ::gopipe_runtime::__private::typed::input(&use_1_of_numbers),
                    |n| async move { n * n },
                )
            };
            pipeline
                .workers(
                    ::gopipe_runtime::__private::StageSpec::new("then#4")
                        .workers(2)
                        .ordered(),
                    use_1_of_numbers,
                    move |mut io| {
                        let mut f = ::gopipe_runtime::__private::typed::WorkerFn::copy_for_worker(
                            &*f,
                        );
                        async move {
                            while let ::gopipe_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                let out = io.run(f(item)).await?;
                                io.send(out).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        let branch_squares = {
            let left: usize = 10;
            let spec = ::gopipe_runtime::__private::StageSpec::new("take#5");
            let pipeline_step = ::gopipe_runtime::__private::fuse::Take::new(left);
            pipeline.fuse(spec, then_4, pipeline_step)
        };
        let merge_6 = pipeline
            .merge(
                ::gopipe_runtime::__private::StageSpec::new("merge#6"),
                [branch_head, branch_squares],
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
                >(::gopipe_runtime::__private::typed::sink_input(&merge_6))
            };
            pipeline
                .sink(
                    ::gopipe_runtime::__private::StageSpec::new("collect#7"),
                    merge_6,
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
