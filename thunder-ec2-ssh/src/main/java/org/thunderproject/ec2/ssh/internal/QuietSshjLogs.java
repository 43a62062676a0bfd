package org.thunderproject.ec2.ssh.internal;

import net.schmizz.sshj.common.LoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * sshj's loggers, demoted: its errors and warnings (a refused host key, a dropped connection
 * while a host boots) reach callers as exceptions with better messages, so in the log they are
 * debug detail, not alarms with stack traces. Same logger names; info and above become debug,
 * debug becomes trace.
 */
public final class QuietSshjLogs implements LoggerFactory {
    @Override
    public Logger getLogger(String name) {
        return new Demoted(org.slf4j.LoggerFactory.getLogger(name));
    }

    @Override
    public Logger getLogger(Class<?> clazz) {
        return new Demoted(org.slf4j.LoggerFactory.getLogger(clazz));
    }

    private static final class Demoted extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private static final Object[] NONE = new Object[0];

        private final transient Logger delegate;

        Demoted(Logger delegate) {
            this.delegate = delegate;
            this.name = delegate.getName();
        }

        @Override
        public boolean isTraceEnabled() {
            return delegate.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return delegate.isTraceEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
            Object[] args = arguments == null ? NONE : arguments;
            if (throwable != null) {
                args = java.util.Arrays.copyOf(args, args.length + 1);
                args[args.length - 1] = throwable;
            }
            if (level == Level.TRACE || level == Level.DEBUG) {
                delegate.trace(message, args);
            } else {
                delegate.debug(message, args);
            }
        }
    }
}
