exec rpc.nfsd
