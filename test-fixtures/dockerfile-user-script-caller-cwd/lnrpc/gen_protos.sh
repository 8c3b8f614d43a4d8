echo gen
