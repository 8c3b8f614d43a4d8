Copy-Item ./stage/App/* ./publish/content/src/App -recurse -force
