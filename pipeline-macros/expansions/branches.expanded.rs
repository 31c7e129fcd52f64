fn expansion() {
    let _ = {
        let pipeline = ::pipeline_runtime::__private::Pipeline::<
            _,
            ::pipeline_runtime::__private::Plain,
        >::with_error_stream(
            ::pipeline_runtime::__private::Options::new()
                .capacity(128)
                .cancel(token.clone()),
        );
        let local = {
            let items = ::pipeline_runtime::__private::typed::stream(local_files);
            pipeline
                .source(
                    ::pipeline_runtime::__private::StageSpec::new("from_stream#1"),
                    move |mut io| async move {
                        let mut items = ::pipeline_runtime::__private::pin!(items);
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .run(::pipeline_runtime::__private::next(items.as_mut()))
                            .await?
                        {
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let from_iter_2 = {
            let items = ::pipeline_runtime::__private::typed::iter(urls);
            pipeline
                .source(
                    ::pipeline_runtime::__private::StageSpec::new("from_iter#2"),
                    move |mut io| async move {
                        for item in items {
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let remote = {
            let f = ::pipeline_runtime::__private::typed::try_then(&from_iter_2, fetch);
            let timeout = pipeline
                .checked_timeout(
                    "try_then#3",
                    from_iter_2.item_timeout(Duration::from_secs(5)),
                );
            pipeline
                .workers(
                    ::pipeline_runtime::__private::StageSpec::new("try_then#3")
                        .workers(8),
                    from_iter_2,
                    move |mut io| {
                        let mut f = f.copy_for_worker();
                        async move {
                            while let ::pipeline_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                let ::pipeline_runtime::__private::Some(result) = io
                                    .run_timed(f.call(item), timeout)
                                    .await? else {
                                    continue;
                                };
                                match result {
                                    ::pipeline_runtime::__private::Ok(out) => {
                                        io.send(out).await?
                                    }
                                    ::pipeline_runtime::__private::Err(error) => {
                                        io.fail(error).await?
                                    }
                                }
                            }
                            io.close().await
                        }
                    },
                )
        };
        let merge_4 = pipeline
            .merge(
                ::pipeline_runtime::__private::StageSpec::new("merge#4"),
                [local, remote],
            );
        let try_map_5 = {
            let mut f = ::pipeline_runtime::__private::typed::try_map(&merge_4, parse);
            pipeline
                .stage(
                    ::pipeline_runtime::__private::StageSpec::new("try_map#5"),
                    merge_4,
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
        {
            let mut f = ::pipeline_runtime::__private::typed::for_each(
                &try_map_5,
                store,
            );
            pipeline
                .sink(
                    ::pipeline_runtime::__private::StageSpec::new("for_each#6"),
                    try_map_5,
                    move |mut io| async move {
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            f.call(item);
                        }
                        ::pipeline_runtime::__private::Ok(())
                    },
                )
        }
    };
}
