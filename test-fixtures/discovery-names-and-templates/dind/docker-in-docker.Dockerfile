# "in" is a word of the name, not its extension: no model, linted.
# expect: BTH015 "FROM uses $BASE"
FROM $BASE
CMD ["dockerd"]
