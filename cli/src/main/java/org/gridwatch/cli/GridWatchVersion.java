package org.gridwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine.IVersionProvider;

/** {@code gridwatch --version}: this build, and the Flink and Java it runs on. */
final class GridWatchVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in =
                GridWatchVersion.class.getResourceAsStream("/gridwatch-version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {
            "gridwatch " + build.getProperty("version", "(unknown version)"),
            "Flink " + EnvironmentInformation.getVersion() + ", Java " + Runtime.version()
        };
    }
}
