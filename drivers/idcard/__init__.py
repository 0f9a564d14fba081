"""Second-generation ID card readers (GA 467): codec, transports, reader, emulators."""
