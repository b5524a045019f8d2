import { Route, Switch } from 'wouter';
import { AccountPage } from './accounts/account-page.tsx';
import { SignInPage } from './accounts/sign-in-page.tsx';
import { MyTripPage } from './agenda/my-trip-page.tsx';
import { AuditPage } from './audit/audit-page.tsx';
import { BingoAdminPage } from './bingo/admin-page.tsx';
import { BingoPage } from './bingo/bingo-page.tsx';
import { BingoDrawPage } from './bingo/draw-page.tsx';
import { BingoScreenPage } from './bingo/screen-page.tsx';
import { BuildingProgrammePage } from './building/building-programme-page.tsx';
import { BuildingProgrammesPage } from './building/building-programmes-page.tsx';
import { BuildingProgrammeEditPage, NewBuildingProgrammePage } from './building/programme-edit-page.tsx';
import { DelegationPage } from './delegations/delegation-page.tsx';
import { DelegationsPage } from './delegations/delegations-page.tsx';
import { NewOrganizationPage, OrganizationEditPage } from './directory/organization-edit-page.tsx';
import { OrganizationPage } from './directory/organization-page.tsx';
import { OrganizationsPage } from './directory/organizations-page.tsx';
import { PeoplePage } from './directory/people-page.tsx';
import { NewPersonPage, PersonEditPage } from './directory/person-edit-page.tsx';
import { PersonPage } from './directory/person-page.tsx';
import { MeetingPage } from './groups/meeting-page.tsx';
import { WorkingGroupEditPage } from './groups/working-group-edit-page.tsx';
import { WorkingGroupPage } from './groups/working-group-page.tsx';
import { WorkingGroupsPage } from './groups/working-groups-page.tsx';
import { HomePage } from './home/home-page.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { Layout } from './layout.tsx';
import { BadgePage } from './networking/badge-page.tsx';
import { BadgesPrintPage } from './networking/badges-print-page.tsx';
import { ConnectCodePage } from './networking/connect-code-page.tsx';
import { ConnectPage } from './networking/connect-page.tsx';
import { ContactsPage } from './networking/contacts-page.tsx';
import { ArticleEditorPage } from './news/article-editor-page.tsx';
import { ArticlePage } from './news/article-page.tsx';
import { NewsPage } from './news/news-page.tsx';
import { WritePage } from './news/write-page.tsx';
import { EventEditPage, NewEventPage } from './programme/event-edit-page.tsx';
import { EventPage } from './programme/event-page.tsx';
import { EventsPage } from './programme/events-page.tsx';
import { NewSessionPage, SessionEditPage } from './programme/session-edit-page.tsx';
import { NewVenuePage, VenueEditPage, VenuesPage } from './programme/venue-edit-page.tsx';
import { NotificationsPage } from './rsvp/notifications-page.tsx';
import { NotFoundPage } from './ui/not-found-page.tsx';

export function App() {
  return (
    <I18nProvider>
      <Layout>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/organizations" component={OrganizationsPage} />
          <Route path="/organizations/new" component={NewOrganizationPage} />
          <Route path="/organizations/:slug">
            {(params) => <OrganizationPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/organizations/:slug/edit">
            {(params) => <OrganizationEditPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/people" component={PeoplePage} />
          <Route path="/people/new" component={NewPersonPage} />
          <Route path="/people/:id">{(params) => <PersonPage key={params.id} id={params.id} />}</Route>
          <Route path="/people/:id/edit">{(params) => <PersonEditPage key={params.id} id={params.id} />}</Route>
          <Route path="/working-groups" component={WorkingGroupsPage} />
          <Route path="/working-groups/:slug">
            {(params) => <WorkingGroupPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/working-groups/:slug/edit">
            {(params) => <WorkingGroupEditPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/meetings/:sessionId">
            {(params) => <MeetingPage key={params.sessionId} sessionId={params.sessionId} />}
          </Route>
          <Route path="/building-programmes" component={BuildingProgrammesPage} />
          <Route path="/building-programmes/new" component={NewBuildingProgrammePage} />
          <Route path="/building-programmes/:slug">
            {(params) => <BuildingProgrammePage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/building-programmes/:slug/edit">
            {(params) => <BuildingProgrammeEditPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/events" component={EventsPage} />
          <Route path="/events/new" component={NewEventPage} />
          <Route path="/events/:slug">{(params) => <EventPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/events/:slug/delegations">
            {(params) => <DelegationsPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/delegations/:id">{(params) => <DelegationPage key={params.id} id={params.id} />}</Route>
          <Route path="/notifications" component={NotificationsPage} />
          <Route path="/events/:slug/badge">{(params) => <BadgePage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/events/:slug/badges">
            {(params) => <BadgesPrintPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/connect/:slug">{(params) => <ConnectPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/connect/:slug/:code">
            {(params) => (
              <ConnectCodePage key={`${params.slug}/${params.code}`} slug={params.slug} code={params.code} />
            )}
          </Route>
          <Route path="/contacts" component={ContactsPage} />
          <Route path="/events/:slug/edit">{(params) => <EventEditPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/events/:slug/bingo">{(params) => <BingoPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/events/:slug/bingo/screen">
            {(params) => <BingoScreenPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/events/:slug/bingo/admin">
            {(params) => <BingoAdminPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/events/:slug/bingo/draw">
            {(params) => <BingoDrawPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/events/:slug/sessions/new">
            {(params) => <NewSessionPage key={params.slug} eventSlug={params.slug} />}
          </Route>
          <Route path="/venues" component={VenuesPage} />
          <Route path="/venues/new" component={NewVenuePage} />
          <Route path="/venues/:slug/edit">{(params) => <VenueEditPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/sessions/:id/edit">{(params) => <SessionEditPage key={params.id} id={params.id} />}</Route>
          <Route path="/news" component={NewsPage} />
          <Route path="/news/:slug">{(params) => <ArticlePage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/write" component={WritePage} />
          <Route path="/write/:slug">{(params) => <ArticleEditorPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/account" component={AccountPage} />
          <Route path="/my-trip" component={MyTripPage} />
          <Route path="/admin/audit" component={AuditPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </I18nProvider>
  );
}
