puts 2
