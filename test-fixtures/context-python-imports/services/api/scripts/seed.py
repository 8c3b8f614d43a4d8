# a developer script, never copied into the image
# ok: BTH308
import processors
