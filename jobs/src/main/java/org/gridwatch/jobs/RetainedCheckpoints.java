package org.gridwatch.jobs;

import java.io.IOException;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints a job retained in its checkpoint folder ({@code <dir>/<job id>/chk-<n>/}, each
 * complete once it has its {@code _metadata}), so that a job started again resumes where the last
 * one stopped instead of starting empty. Works on any file system Flink can read (file://, s3://,
 * hdfs://).
 */
public final class RetainedCheckpoints {
    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /** The newest complete checkpoint under {@code checkpointDir}, of any job, if any. */
    public static Optional<String> latest(String checkpointDir) throws IOException {
        Path root = new Path(checkpointDir);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        FileStatus newest = null;
        for (FileStatus job : list(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            for (FileStatus chk : list(fs, job.getPath())) {
                if (!chk.isDir() || !chk.getPath().getName().startsWith("chk-")) {
                    continue;
                }
                Path metadata = new Path(chk.getPath(), METADATA);
                if (fs.exists(metadata)) {
                    FileStatus done = fs.getFileStatus(metadata);
                    if (newest == null
                            || done.getModificationTime() > newest.getModificationTime()) {
                        newest = done;
                    }
                }
            }
        }
        return Optional.ofNullable(newest).map(m -> m.getPath().getParent().toString());
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        return entries == null ? new FileStatus[0] : entries;
    }
}
