package dev.jrdkafka.cluster;

/** A broker: its id, where it listens, and its rack (null if none or not reported). */
public record Node(int id, String host, int port, String rack) {
    /** "host:port". */
    public String address() {
        return host + ":" + port;
    }
}
