import { Route, Switch } from 'wouter';
import { OrganizationPage } from './directory/organization-page.tsx';
import { OrganizationsPage } from './directory/organizations-page.tsx';
import { PeoplePage } from './directory/people-page.tsx';
import { PersonPage } from './directory/person-page.tsx';
import { WorkingGroupPage } from './groups/working-group-page.tsx';
import { WorkingGroupsPage } from './groups/working-groups-page.tsx';
import { HomePage } from './home/home-page.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { Layout } from './layout.tsx';
import { EventPage } from './programme/event-page.tsx';
import { EventsPage } from './programme/events-page.tsx';
import { NotFoundPage } from './ui/not-found-page.tsx';

export function App() {
  return (
    <I18nProvider>
      <Layout>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/organizations" component={OrganizationsPage} />
          <Route path="/organizations/:slug">
            {(params) => <OrganizationPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/people" component={PeoplePage} />
          <Route path="/people/:id">{(params) => <PersonPage key={params.id} id={params.id} />}</Route>
          <Route path="/working-groups" component={WorkingGroupsPage} />
          <Route path="/working-groups/:slug">
            {(params) => <WorkingGroupPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/events" component={EventsPage} />
          <Route path="/events/:slug">{(params) => <EventPage key={params.slug} slug={params.slug} />}</Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </I18nProvider>
  );
}
