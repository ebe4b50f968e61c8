// Written by scripts/generate-openapi.sh with the files beside it. GeneratedSourcesTests checks
// that each file below still has the digest recorded here: do not edit them, run the script.
// generator: swift-openapi-generator 1.14.3
// sha256 openapi.yaml 229bfb480c4f096c00e7e3284c985088152bb99c9c284b8370ac2fb4a43bd7ef
// sha256 openapi-generator-config.yaml 8982a9d6aadf84614a450d5b03069229b6ea735bca5aaba06c92bea03a3e90a0
// sha256 Generated/Client.swift 51224a87f6d3e001c606d9473f45bf6f6c7f3cb0adb0daf10d7776886a470591
// sha256 Generated/Server.swift 2794a795494ea25c47aed6791ac307e339ac89e1a4f626af8c3b3844ccbe2cc1
// sha256 Generated/Types+Components+Headers.swift 545fa17b766a52f5a18a076abfc5544b2e1b0bf042ede73c9b9064c03c6684e7
// sha256 Generated/Types+Components+Parameters.swift 00dda84c2b6ec20bf97a09c1baa4f3b52bea38d90274d71dee0c51c0ca87c5ad
// sha256 Generated/Types+Components+RequestBodies.swift 0f5f8308403edd7de72ed60414871c177aa56fcea29f464e9311976058df8cba
// sha256 Generated/Types+Components+Responses.swift b95d5bb0dd6666a1a4af631bb0413561e3a70945fb6663d5cb477e031bc4a51b
// sha256 Generated/Types+Components+Schemas.swift 1ad80ae6f31f1feb4478278fcbe75c4e811deb2d6947494ac356a3a81a71a9f2
// sha256 Generated/Types+Components.swift 7735aab4d03e11955a02692dc7d7d224905c141d495a3a9f1ae914ccc1e041fc
// sha256 Generated/Types+Operations.swift 5b94526b1782392718945c37c80a3754e4e31e5f0fa7c02f0fb9b037a291939b
// sha256 Generated/Types.swift 4751739e1b09a218fdcebdc744d08e6f5bc0c46bf97fbb09a7aec64a859a9ee8
