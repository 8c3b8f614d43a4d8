module github.com/ory/keto

go 1.22
