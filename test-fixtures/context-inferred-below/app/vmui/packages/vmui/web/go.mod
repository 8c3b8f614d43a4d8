module vmui

go 1.24
