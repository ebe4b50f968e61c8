// Written by scripts/generate-openapi.sh with the files beside it. GeneratedSourcesTests checks
// that each file below still has the digest recorded here: do not edit them, run the script.
// generator: swift-openapi-generator 1.14.3
// sha256 openapi.yaml 80680cc2f493583b36da374b789469808697cf64563b6603c63447b546e4c2c5
// sha256 openapi-generator-config.yaml a10d2ae2544334f03a9e4773d8117a2e2b7788da7e23257efcb64f11355bde6c
// sha256 Generated/Client.swift c8d31006711df80b365234abd3d83bd1a63d1e74a6c860b6c20a80df20ad7582
// sha256 Generated/Server.swift ccc510dc49c53038d59ea49fdf9849d9768843b28ad3b5792a3ce208076dc7b5
// sha256 Generated/Types+Components+Headers.swift 545fa17b766a52f5a18a076abfc5544b2e1b0bf042ede73c9b9064c03c6684e7
// sha256 Generated/Types+Components+Parameters.swift 00dda84c2b6ec20bf97a09c1baa4f3b52bea38d90274d71dee0c51c0ca87c5ad
// sha256 Generated/Types+Components+RequestBodies.swift 0f5f8308403edd7de72ed60414871c177aa56fcea29f464e9311976058df8cba
// sha256 Generated/Types+Components+Responses.swift b95d5bb0dd6666a1a4af631bb0413561e3a70945fb6663d5cb477e031bc4a51b
// sha256 Generated/Types+Components+Schemas.swift b27004f556312f824f290ba43bc3284d5c7b8590dc2fbc6a7b009cf115eebd19
// sha256 Generated/Types+Components.swift 7735aab4d03e11955a02692dc7d7d224905c141d495a3a9f1ae914ccc1e041fc
// sha256 Generated/Types+Operations.swift ea4341a2473ac01066b622f145b74817979406dbd708236eebced2429236936c
// sha256 Generated/Types.swift f748186fe4fe2a4604d2958b6599421ac6d491ccb1a2120b0c6f3251e4c76c03
