package io.intinode.dht.providers;

class InMemoryProviderStoreTest extends ProviderStoreConformance {
    @Override
    ProviderStore create(ProviderConfig config) {
        return new InMemoryProviderStore(config);
    }
}
