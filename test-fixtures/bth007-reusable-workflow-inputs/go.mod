module acme/proxy
