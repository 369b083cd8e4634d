"""Learn Aloud: publish what a learning network learns."""
