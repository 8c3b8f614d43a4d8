module example.com/foo
