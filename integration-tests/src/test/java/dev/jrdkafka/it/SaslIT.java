package dev.jrdkafka.it;

import dev.jrdkafka.testkit.BrokerSecurity;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.SecuredBrokerExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SASL PLAIN and SCRAM on the secured broker, with and without TLS: each client kind works. */
@ExtendWith(SecuredBrokerExtension.class)
@Timeout(120)
class SaslIT {
    @ParameterizedTest
    @CsvSource({"SASL_PLAINTEXT,PLAIN", "SASL_PLAINTEXT,SCRAM-SHA-256", "SASL_PLAINTEXT,SCRAM-SHA-512",
            "SASL_SSL,PLAIN", "SASL_SSL,SCRAM-SHA-256", "SASL_SSL,SCRAM-SHA-512"})
    void produceConsumeAdmin(KafkaBroker.Listener listener, String mechanism, KafkaBroker broker) throws Exception {
        Secured.roundTrip(broker, Secured.sasl(broker, listener, mechanism, BrokerSecurity.ALICE),
                listener + "-" + mechanism.toLowerCase(java.util.Locale.ROOT));
    }
}
