// Written by scripts/generate-openapi.sh with the files beside it. GeneratedSourcesTests checks
// that each file below still has the digest recorded here: do not edit them, run the script.
// generator: swift-openapi-generator 1.14.3
// sha256 openapi.yaml fd110e451a14d0ea81f2d58898ac175d3b9e72e5823b2a9e80cecd03151de909
// sha256 openapi-generator-config.yaml a10d2ae2544334f03a9e4773d8117a2e2b7788da7e23257efcb64f11355bde6c
// sha256 Generated/Client.swift fb0132c669484672e0d0d95a74ed1059214437831eaad059a85c945f6eb9aefa
// sha256 Generated/Server.swift a3230db9c9104bdc6031c2c90bae837fdd1c3611d13e2b50cae3206a5d3e5f04
// sha256 Generated/Types+Components+Headers.swift 545fa17b766a52f5a18a076abfc5544b2e1b0bf042ede73c9b9064c03c6684e7
// sha256 Generated/Types+Components+Parameters.swift 00dda84c2b6ec20bf97a09c1baa4f3b52bea38d90274d71dee0c51c0ca87c5ad
// sha256 Generated/Types+Components+RequestBodies.swift 0f5f8308403edd7de72ed60414871c177aa56fcea29f464e9311976058df8cba
// sha256 Generated/Types+Components+Responses.swift b95d5bb0dd6666a1a4af631bb0413561e3a70945fb6663d5cb477e031bc4a51b
// sha256 Generated/Types+Components+Schemas.swift b27004f556312f824f290ba43bc3284d5c7b8590dc2fbc6a7b009cf115eebd19
// sha256 Generated/Types+Components.swift 7735aab4d03e11955a02692dc7d7d224905c141d495a3a9f1ae914ccc1e041fc
// sha256 Generated/Types+Operations.swift 2bfa7bef78daaadd532d868c809de0c2512a23de1584d8335ad913081b1de2a0
// sha256 Generated/Types.swift 73c7d1e2476a52adb1cc79b100ff1965ddfb98fb1666130cf24fd653ed8904fe
