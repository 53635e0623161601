package io.tollgate.jobs.fraud;

import io.tollgate.jobs.fraud.features.CustomerTraffic;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import io.tollgate.rules.Finding;
import io.tollgate.rules.FraudRuleBook;

import java.util.List;

/** A customer's traffic judged by a rule book: its facts now (its latest event time), through its profile's rules. */
final class Judgement {
    private Judgement() {
    }

    /** What fires for {@code customer}; nothing before its first event. */
    static List<Finding> findings(FraudRuleBook book, FeatureSettings features, String customer, CustomerTraffic t) {
        if (t.latestEventTime() == null) {
            return List.of();
        }
        return book.rules().evaluate(book.profiles().forCustomer(customer),
                t.observe(t.latestEventTime(), features.withHighRisk(book.highRisk())));
    }
}
