include mk/web.mk
