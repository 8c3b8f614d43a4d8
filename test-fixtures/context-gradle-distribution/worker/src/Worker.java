class Worker {}
