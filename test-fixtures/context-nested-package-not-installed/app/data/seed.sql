seed
