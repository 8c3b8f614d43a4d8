# An included .mk file named by a wildcard: its recipe runs from the root too.
docs-image:
	docker build -f docs/Dockerfile ./docs/site
