console.log("fake duo api");
