fn expansion() {
    let _ = {
        let pipeline = ::pipeline_runtime::__private::Pipeline::<
            ::pipeline_runtime::__private::Infallible,
            ::pipeline_runtime::__private::Plain,
        >::new(::pipeline_runtime::__private::Options::new());
        let from_iter_1 = {
            let items = ::pipeline_runtime::__private::typed::iter(1..=1_000_000u64);
            pipeline
                .source(
                    ::pipeline_runtime::__private::StageSpec::new("from_iter#1"),
                    move |mut io| async move {
                        for item in items {
                            io.send(item).await?;
                        }
                        io.close().await
                    },
                )
        };
        let map_2 = {
            let f = ::pipeline_runtime::__private::typed::map(&from_iter_1, |n| n * n);
            pipeline
                .workers(
                    ::pipeline_runtime::__private::StageSpec::new("map#2").workers(4),
                    from_iter_1,
                    move |mut io| {
                        let mut f = f.copy_for_worker();
                        async move {
                            while let ::pipeline_runtime::__private::Some(item) = io
                                .recv()
                                .await
                            {
                                io.send(f.call(item)).await?;
                            }
                            io.close().await
                        }
                    },
                )
        };
        {
            let (mut value, mut f) = ::pipeline_runtime::__private::typed::fold(
                &map_2,
                0,
                |acc, n| acc + n,
            );
            pipeline
                .sink(
                    ::pipeline_runtime::__private::StageSpec::new("fold#3"),
                    map_2,
                    move |mut io| async move {
                        while let ::pipeline_runtime::__private::Some(item) = io
                            .recv()
                            .await
                        {
                            value = f.call(value, item);
                        }
                        ::pipeline_runtime::__private::Ok(value)
                    },
                )
        }
    };
}
