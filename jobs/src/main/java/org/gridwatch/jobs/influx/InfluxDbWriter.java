package org.gridwatch.jobs.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.gridwatch.core.metric.MetricPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Batches points and writes them synchronously, retrying with backoff, then failing the job. */
final class InfluxDbWriter implements SinkWriter<MetricPoint> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbWriter.class);

    private final InfluxSettings settings;
    private final LineWriter connection;
    private final List<String> batch;

    InfluxDbWriter(InfluxSettings settings, LineWriter connection) {
        this.settings = settings;
        this.connection = connection;
        this.batch = new ArrayList<>(settings.batchSize());
    }

    @Override
    public void write(MetricPoint point, Context context) throws IOException, InterruptedException {
        batch.add(point.toLineProtocol());
        if (batch.size() >= settings.batchSize()) {
            writeBatch();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBatch();
    }

    private void writeBatch() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                connection.write(batch);
                batch.clear();
                return;
            } catch (LineWriter.WriteFailure e) {
                if (!e.retryable || attempt >= settings.maxAttempts()) {
                    throw new IOException(
                            "InfluxDB at "
                                    + settings
                                    + " did not take "
                                    + batch.size()
                                    + " points after "
                                    + attempt
                                    + " attempt(s): "
                                    + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "InfluxDB write failed (attempt {} of {}), retrying in {} ms: {}",
                        attempt,
                        settings.maxAttempts(),
                        backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff *= 2;
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
