console.log("frontend")
