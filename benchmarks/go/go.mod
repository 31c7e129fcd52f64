module pipelinebench

go 1.19
