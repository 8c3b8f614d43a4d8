console.log(import.meta.env.VITE_SENTRY_APP_KEY)
