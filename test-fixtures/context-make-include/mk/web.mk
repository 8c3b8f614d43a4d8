site-image:
	docker build -f nested/site/Dockerfile ./nested/site/dist/..
