fn expansion() {
    let _ = {
        let pipeline = ::pipeline_runtime::__private::Pipeline::<
            _,
            ::pipeline_runtime::__private::Results,
        >::new(::pipeline_runtime::__private::Options::new());
        let from_channel_1 = {
            let mut items = ::pipeline_runtime::__private::typed::channel_source(lines);
            pipeline
                .source(
                    ::pipeline_runtime::__private::StageSpec::new("from_channel#1"),
                    move |mut io| async move {
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .run(
                                ::pipeline_runtime::__private::ChannelSource::next_item(
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
            let mut f = ::pipeline_runtime::__private::typed::try_map(
                &from_channel_1,
                |line: String| line.parse::<u64>(),
            );
            pipeline
                .stage(
                    ::pipeline_runtime::__private::StageSpec::new("parse"),
                    from_channel_1,
                    move |mut io| async move {
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            match f.call(item) {
                                ::pipeline_runtime::__private::Ok(out) => {
                                    io.send(out).await?
                                }
                                ::pipeline_runtime::__private::Err(error) => {
                                    io.fail(error).await?
                                }
                            }
                        }
                        io.close().await
                    },
                )
        };
        let filter_3 = {
            let mut f = ::pipeline_runtime::__private::typed::filter(
                &try_map_2,
                |n| n % 2 == 0,
            );
            pipeline
                .stage(
                    ::pipeline_runtime::__private::StageSpec::new("filter#3"),
                    try_map_2,
                    move |mut io| async move {
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            if f.call(&item) {
                                io.send(item).await?;
                            }
                        }
                        io.close().await
                    },
                )
        };
        let chunks_4 = {
            let size: usize = pipeline.chunk_size("chunks#4", 100);
            pipeline
                .stage(
                    ::pipeline_runtime::__private::StageSpec::new("chunks#4"),
                    filter_3,
                    move |mut io| async move {
                        let mut chunk = ::pipeline_runtime::__private::Vec::with_capacity(
                            size,
                        );
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            chunk.push(item);
                            if chunk.len() == size {
                                io.send(
                                        ::pipeline_runtime::__private::replace(
                                            &mut chunk,
                                            ::pipeline_runtime::__private::Vec::with_capacity(size),
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
