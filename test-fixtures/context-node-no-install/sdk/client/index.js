module.exports = require("@acme/core");
